// An evidence file's name is the uploader's text, shown to every reader of the sheet and used as the name
// of the downloaded file. Its type, however, is the one detected from the bytes: a PDF named
// `invoice.html` is stored and downloaded as `invoice.pdf`, so it never opens as a page with scripts.

// Control characters (Cc), format characters (Cf: the bidi overrides and isolates U+202A–U+202E,
// U+2066–U+2069, U+200E/F, U+061C, zero-width characters) and line/paragraph separators. U+202E in
// `证明\u202Egnp.lmth` would display as `证明lmth.png`.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Characters no file system keeps in a name.
const FORBIDDEN = /[\\/:*?"<>|]/g;
const MAX_NAME_LENGTH = 200;

/** The uploader's name without path parts, invisible or control characters, trimmed to 200 characters. */
export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const visible = base.replace(INVISIBLE, "").replace(FORBIDDEN, "_").trim();
  return [...visible].slice(0, MAX_NAME_LENGTH).join("").trim();
}

/** The stored and downloaded name: the display name's stem with the extension of the detected type. */
export function evidenceFileName(name: string, extension: string): string {
  const display = displayFileName(name);
  const stem = display.replace(/\.[A-Za-z0-9]{1,10}$/, "").replace(/[.\s]+$/, "");
  const short = [...stem].slice(0, MAX_NAME_LENGTH - extension.length - 1).join("");
  return `${short || "file"}.${extension}`;
}
