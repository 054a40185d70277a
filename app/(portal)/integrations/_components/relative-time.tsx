/** "3 min ago"-style text with the exact UTC time on hover; rendered on the server. */
export function RelativeTime({ date, now = new Date() }: { date: Date; now?: Date }) {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const text =
    seconds < 60
      ? "just now"
      : seconds < 3600
        ? `${Math.floor(seconds / 60)} min ago`
        : seconds < 86_400
          ? `${Math.floor(seconds / 3600)} h ago`
          : `${Math.floor(seconds / 86_400)} d ago`;
  const exact = `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
  return (
    <time dateTime={date.toISOString()} title={exact}>
      {text}
    </time>
  );
}
