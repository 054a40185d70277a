import { NotificationSettingsForm } from "@/app/(portal)/settings/notifications/_components/notification-settings-form";
import { Card } from "@/components/ui/card";
import { saveNotificationSettingsAction } from "@/lib/actions/alerts/save-notification-settings";
import { sendTestMessageAction } from "@/lib/actions/alerts/send-test-message";
import { requireBrand } from "@/lib/auth/session";
import { getNotificationSettings } from "@/lib/server/alerts/get-notification-settings";

export const metadata = { title: "Notifications · Payments integration portal" };

// GET /settings/notifications – where the account's alerts go (SPEC §12)
export default async function NotificationsPage() {
  const brand = await requireBrand();
  const saved = await getNotificationSettings(brand.accountId);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">
          Alerts (failed deliveries, a disabled or missing Stripe endpoint, a refused key or token) show on the
          dashboard and can also reach you here: at most one message per integration and kind of problem an hour,
          counting what happened in between.
        </p>
      </div>
      <Card>
        <NotificationSettingsForm saved={saved} save={saveNotificationSettingsAction} test={sendTestMessageAction} />
      </Card>
    </div>
  );
}
