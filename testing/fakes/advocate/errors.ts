/** Advocate's error shape: `{statusCode, message, apiErrorCode}`. */
export function advocateError(statusCode: number, message: string, apiErrorCode: string) {
  return { statusCode, message, apiErrorCode };
}
