import { ApiFailure, failureOf } from "./client";

/**
 * Uploads one evidence file (multipart `file`) with progress. hono/client's fetch cannot report upload
 * progress, so this one call goes through XMLHttpRequest; errors come back as the same ApiFailure.
 */
export function uploadEvidence(
  sheetId: number,
  indicatorCode: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/sheets/${sheetId}/items/${encodeURIComponent(indicatorCode)}/evidence`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiFailure(0, "NETWORK", "network error"));
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      const response = new Response(request.responseText, {
        status: request.status,
        headers: { "content-type": "application/json" },
      });
      void failureOf(response).then(reject);
    };
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
