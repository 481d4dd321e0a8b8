// Export file names carry county, period, what the file holds and the date, e.g.
// 桂阳县_2025年度目标管理考核_乡镇综合得分排名_2026-03-02.xlsx; browsers get them through RFC 5987
// (`filename*=UTF-8''…`) with an ASCII name for clients that cannot read it.

// Characters no file system or browser keeps in a name: path separators, wildcards, control characters.
const safe = (text: string) =>
  [...text].map((ch) => (ch < " " || '\\/:*?"<>|'.includes(ch) ? "_" : ch)).join("");

/** The Chinese file name of an export. */
export function exportFileName(parts: readonly string[], extension: string): string {
  return `${parts.map((part) => safe(part).trim()).join("_")}.${extension}`;
}

// encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A Content-Disposition header for a download: UTF-8 name plus an ASCII fallback. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
