import { ApiFailure, failureOf } from "./client";
import { IDEMPOTENCY_HEADER, MAX_RETRIES, newIdempotencyKey, retryDelayMs } from "./keyed-fetch";

/**
 * Uploads one evidence file (multipart `file`) with progress. hono/client's fetch cannot report upload
 * progress, so this one call goes through XMLHttpRequest; errors come back as the same ApiFailure. Like every
 * write (./keyed-fetch.ts) it carries one Idempotency-Key, reused when it retries after a network failure or
 * a 503, so a retried upload is stored once.
 */
export function uploadEvidence(
  sheetId: number,
  indicatorCode: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const key = newIdempotencyKey();
  const form = new FormData();
  form.append("file", file);
  const attempt = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open("POST", `/api/v1/sheets/${sheetId}/items/${encodeURIComponent(indicatorCode)}/evidence`);
      request.setRequestHeader(IDEMPOTENCY_HEADER, key);
      request.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      const retry = (retryAfter: string | null) =>
        setTimeout(() => attempt(n + 1).then(resolve, reject), retryDelayMs(retryAfter, n));
      request.onerror = () => {
        if (n < MAX_RETRIES) retry(null);
        else reject(new ApiFailure(0, "NETWORK", "network error"));
      };
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) {
          onProgress(1);
          resolve();
          return;
        }
        if (request.status === 503 && n < MAX_RETRIES) {
          retry(request.getResponseHeader("retry-after"));
          return;
        }
        const response = new Response(request.responseText, {
          status: request.status,
          headers: { "content-type": "application/json" },
        });
        void failureOf(response).then(reject);
      };
      request.send(form);
    });
  return attempt(0);
}
