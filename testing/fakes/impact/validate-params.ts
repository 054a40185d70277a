/** One problem with a submitted parameter, in impact.com's error envelope shape. */
export interface ImpactFieldError {
  Field: string;
  Message: string;
}

// impact.com's limit on OrderId; Checkout Session ids (66 chars) exceed it.
export const MAX_ORDER_ID_LENGTH = 64;
const DIGITS = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const HASHED_EMAIL = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64})$/;

/** `POST /Advertisers/{SID}/Conversions` checks, covering what the portal sends. */
export function validateConversion(params: Record<string, string>): ImpactFieldError[] {
  const errors: ImpactFieldError[] = [];
  const has = (name: string) => (params[name] ?? "").trim() !== "";

  requireDigits(params, "CampaignId", errors);
  if (!has("EventTypeId") && !has("ActionTrackerId") && !has("EventTypeCode")) {
    errors.push({ Field: "EventTypeId", Message: "One of EventTypeId, ActionTrackerId or EventTypeCode is required" });
  }
  for (const name of ["EventTypeId", "ActionTrackerId"]) {
    if (has(name) && !DIGITS.test(params[name] as string))
      errors.push({ Field: name, Message: `${name} must be numeric` });
  }
  const eventDate = params.EventDate ?? "";
  if (eventDate.trim() === "") errors.push({ Field: "EventDate", Message: "EventDate is required" });
  else if (eventDate !== "NOW" && !isIsoDate(eventDate)) {
    errors.push({ Field: "EventDate", Message: "EventDate must be an ISO 8601 date-time or NOW" });
  }
  validateOrderId(params, errors);
  const currency = params.CurrencyCode ?? "";
  if (currency === "") errors.push({ Field: "CurrencyCode", Message: "CurrencyCode is required" });
  else if (!/^[A-Za-z]{3}$/.test(currency))
    errors.push({ Field: "CurrencyCode", Message: "CurrencyCode must be an ISO 4217 code" });
  if (!has("ClickId") && !has("CustomerId")) {
    errors.push({ Field: "ClickId", Message: "An attribution key is required: ClickId or CustomerId" });
  }
  if (has("CustomerEmail") && !HASHED_EMAIL.test(params.CustomerEmail as string)) {
    errors.push({ Field: "CustomerEmail", Message: "CustomerEmail must be a hashed (SHA-1 or SHA-256 hex) value" });
  }
  validateMoneyAndItems(params, errors);
  return errors;
}

/** `PUT /Advertisers/{SID}/Actions`: identify the action, give the new amount. */
export function validateActionUpdate(params: Record<string, string>): ImpactFieldError[] {
  const errors = validateActionReference(params);
  const hasItems = Object.keys(params).some((name) => /^ItemSubTotal\d+$/.test(name));
  if ((params.Amount ?? "") === "" && !hasItems) {
    errors.push({ Field: "Amount", Message: "Amount (or item subtotals) is required to modify an action" });
  }
  if (
    params.Amount !== undefined &&
    params.Amount !== "" &&
    (!DECIMAL.test(params.Amount) || Number(params.Amount) < 0)
  ) {
    errors.push({ Field: "Amount", Message: "Amount must be a non-negative decimal number" });
  }
  validateReason(params, errors);
  validateMoneyAndItems(params, errors);
  return errors;
}

/** `DELETE /Advertisers/{SID}/Actions`: identify the action to reverse. */
export function validateActionReversal(params: Record<string, string>): ImpactFieldError[] {
  const errors = validateActionReference(params);
  validateReason(params, errors);
  return errors;
}

function validateActionReference(params: Record<string, string>): ImpactFieldError[] {
  const errors: ImpactFieldError[] = [];
  if ((params.ActionId ?? "") !== "") return errors;
  if ((params.ActionTrackerId ?? "") === "") {
    errors.push({ Field: "ActionTrackerId", Message: "ActionId, or ActionTrackerId with OrderId, is required" });
  } else if (!DIGITS.test(params.ActionTrackerId as string)) {
    errors.push({ Field: "ActionTrackerId", Message: "ActionTrackerId must be numeric" });
  }
  validateOrderId(params, errors);
  return errors;
}

function validateOrderId(params: Record<string, string>, errors: ImpactFieldError[]): void {
  const orderId = params.OrderId ?? "";
  if (orderId.trim() === "") errors.push({ Field: "OrderId", Message: "OrderId is required" });
  else if (orderId.length > MAX_ORDER_ID_LENGTH) {
    errors.push({ Field: "OrderId", Message: `OrderId must be at most ${MAX_ORDER_ID_LENGTH} characters` });
  }
}

function validateReason(params: Record<string, string>, errors: ImpactFieldError[]): void {
  if (params.Reason !== undefined && !/^[A-Z_]+$/.test(params.Reason)) {
    errors.push({ Field: "Reason", Message: "Reason must be a reason code such as OTHER or RETURNED" });
  }
}

function validateMoneyAndItems(params: Record<string, string>, errors: ImpactFieldError[]): void {
  for (const [name, value] of Object.entries(params)) {
    if (
      /^(Amount|OrderSubTotal|OrderDiscount|ItemSubTotal\d+|ItemPrice\d+)$/.test(name) &&
      value !== "" &&
      !DECIMAL.test(value)
    ) {
      errors.push({ Field: name, Message: `${name} must be a decimal number` });
    }
    if (/^ItemQuantity\d+$/.test(name) && !(DIGITS.test(value) && Number(value) >= 1)) {
      errors.push({ Field: name, Message: `${name} must be a positive integer` });
    }
  }
}

function requireDigits(params: Record<string, string>, name: string, errors: ImpactFieldError[]): void {
  const value = params[name] ?? "";
  if (value === "") errors.push({ Field: name, Message: `${name} is required` });
  else if (!DIGITS.test(value)) errors.push({ Field: name, Message: `${name} must be numeric` });
}

function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
