"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { NOTIFICATION_FIELDS, NOTIFICATION_LABELS } from "@/lib/schemas/notifications";
import { type ActionState, fieldErrorsOfState, formMessageOf } from "@/lib/views/action-result";
import type { ChannelResult, NotificationSettingsView, TestMessageResult } from "@/lib/views/alert-view";

type SaveAction = (
  previous: ActionState<NotificationSettingsView>,
  formData: FormData,
) => Promise<ActionState<NotificationSettingsView>>;
type TestAction = (previous: ActionState<TestMessageResult>) => Promise<ActionState<TestMessageResult>>;

const HINTS = {
  email: "One address; leave empty for no email.",
  webhookUrl: 'A Slack (or Mattermost, Teams) incoming webhook, https://…: the portal posts {"text": …} to it.',
};

/** The saved URL is a credential and never comes back: the hint names its host and that empty keeps it. */
function webhookHint(current: NotificationSettingsView): string {
  if (current.isWebhookUnreadable)
    return "A webhook URL is saved, but this portal's encryption keys cannot open it: enter it again.";
  if (current.webhookHost) return `Saved: ${current.webhookHost} — leave empty to keep it.`;
  return `${HINTS.webhookUrl} Leave empty for none.`;
}

function describeChannel(name: string, result: ChannelResult): string {
  if (result.status === "sent") return `${name}: sent.`;
  return `${name}: ${result.status === "off" ? "off" : "failed"}: ${result.reason}`;
}

/** The Notifications page's form (SPEC §12): where alerts go, Save, and a test message to what is saved. */
export function NotificationSettingsForm({
  saved,
  save,
  test,
}: {
  saved: NotificationSettingsView;
  save: SaveAction;
  test: TestAction;
}) {
  const [state, saveAction, isSaving] = useActionState(save, null);
  const [testState, testAction, isTesting] = useActionState(test, null);
  const errors = fieldErrorsOfState(state);
  const message = formMessageOf(state, NOTIFICATION_FIELDS);
  const current = state?.ok ? state.data : saved;
  const values = state && !state.ok ? state.values : undefined;
  const hasSavedWebhook = current.webhookHost !== null || current.isWebhookUnreadable;
  return (
    <div className="space-y-6">
      {current.isEmailAvailable ? null : (
        <Alert tone="info">
          Email is off on this portal: SMTP_URL is not set, so no alert is emailed until an operator sets it. The
          webhook works without it.
        </Alert>
      )}
      {/* The server's messages are the precise ones: the browser's own checks would hide them. */}
      <form action={saveAction} noValidate className="space-y-4" aria-label="Notification settings">
        {message ? <Alert>{message}</Alert> : null}
        {state?.ok ? <Alert tone="success">Saved.</Alert> : null}
        <TextField
          label={NOTIFICATION_LABELS.email}
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={values?.email ?? current.email}
          error={errors.email}
          hint={HINTS.email}
        />
        <TextField
          label={NOTIFICATION_LABELS.webhookUrl}
          name="webhookUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={hasSavedWebhook ? "Leave empty to keep the saved one" : undefined}
          error={errors.webhookUrl}
          hint={webhookHint(current)}
        />
        {hasSavedWebhook ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="removeWebhookUrl" className="h-4 w-4 rounded border-slate-300" />
            {NOTIFICATION_LABELS.removeWebhookUrl}
          </label>
        ) : null}
        <Button type="submit" disabled={isSaving}>
          {isSaving ? "Saving…" : "Save"}
        </Button>
      </form>
      <form action={testAction} className="space-y-2 border-t border-slate-100 pt-4">
        <p className="text-sm text-slate-600">Sends one message now to the saved address and webhook.</p>
        <Button type="submit" variant="secondary" disabled={isTesting}>
          {isTesting ? "Sending…" : "Send test message"}
        </Button>
        {testState && !testState.ok ? <Alert>{testState.error}</Alert> : null}
        {testState?.ok ? (
          <div role="status" data-testid="test-message-result" className="space-y-1 text-sm text-slate-700">
            <p>{describeChannel("Email", testState.data.email)}</p>
            <p>{describeChannel("Webhook", testState.data.webhook)}</p>
          </div>
        ) : null}
      </form>
    </div>
  );
}
