import { useState } from "preact/hooks";
import { ApiFailure, api, failureOf } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { useAnnounce } from "../../ui/announcer";
import { describeFailure } from "../../ui/errors";
import { SelectField } from "../../ui/field";

/** The file name the server chose (RFC 5987 `filename*`), else a plain fallback. */
function fileNameOf(response: Response): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = header.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return header.match(/filename="([^"]+)"/i)?.[1] ?? "staff-accounts.xlsx";
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement("a"), { href: url, download: name }).click();
  // The click has started the download; the URL is released after it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * 生成工作人员账号: creates accounts for a township's staff who have none. The one-time passwords exist only
 * in the answered .xlsx, so the admin confirms first and the file is downloaded at once.
 */
export function StaffAccounts(props: { townships: readonly { id: number; name: string }[] }) {
  const { m } = useI18n();
  const announce = useAnnounce();
  const [townshipId, setTownshipId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [formError, setFormError] = useState("");
  const township = props.townships.find((t) => String(t.id) === townshipId);

  const ask = () => {
    setMessage("");
    setFormError(township ? "" : m.people.chooseTownship);
    setConfirming(township !== undefined);
  };

  const generate = async () => {
    if (!township) return;
    setBusy(true);
    setFormError("");
    try {
      let response: Response;
      try {
        response = (await api.users["staff-accounts"].$post({
          json: { townshipId: township.id },
        })) as Response;
      } catch {
        throw new ApiFailure(0, "NETWORK", "network error");
      }
      if (!response.ok) throw await failureOf(response);
      download(await response.blob(), fileNameOf(response));
      const created = m.people.staffAccountsCreated(Number(response.headers.get("x-accounts-created") ?? 0));
      setMessage(created);
      announce(created);
      setConfirming(false);
    } catch (failure) {
      setFormError(describeFailure(failure, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="staff-accounts-title">
      <h2 id="staff-accounts-title">{m.people.staffAccounts}</h2>
      <p class="muted">{m.people.staffAccountsExplain}</p>
      <SelectField
        label={m.common.township}
        value={townshipId}
        onValue={(value) => {
          setTownshipId(value);
          setConfirming(false);
        }}
        options={[
          { value: "", label: m.people.chooseTownship },
          ...props.townships.map((t) => ({ value: String(t.id), label: t.name })),
        ]}
      />
      <p class="form-error" role="alert">
        {formError}
      </p>
      {message ? <p role="status">{message}</p> : null}
      {confirming && township ? (
        <div class="confirm">
          <p role="alert">{m.people.staffAccountsConfirm(township.name)}</p>
          <button type="button" class="button primary" disabled={busy} onClick={() => void generate()}>
            {m.people.staffAccountsGenerate}
          </button>
          <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
            {m.common.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="button secondary" onClick={ask}>
          {m.people.staffAccounts}
        </button>
      )}
    </section>
  );
}
