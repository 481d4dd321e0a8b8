import { useI18n } from "../../i18n/i18n";
import { PageHeader } from "../../ui/page";

export default function PendingPage() {
  const { m } = useI18n();
  return <PageHeader title={m.common.notAvailable} />;
}
