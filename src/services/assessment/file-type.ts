// Evidence files are typed by their content, never by their name: a renamed .exe stays refused.

export type EvidenceType = { mime: string; extension: string };

const ascii = (text: string) => new TextEncoder().encode(text);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

/** The file extension of a detected evidence type (`bin` for anything else). */
export function extensionOfMime(mime: string): string {
  return EXTENSIONS[mime] ?? "bin";
}

/** Sniffs PDF, PNG, JPEG, XLSX and DOCX from the bytes; anything else is undefined. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: "application/pdf", extension: "pdf" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: "image/png", extension: "png" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", extension: "jpg" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, ascii("[Content_Types].xml"))) {
    // Office Open XML: the part names in the zip's local headers are stored uncompressed.
    if (contains(bytes, ascii("xl/workbook"))) {
      return { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" };
    }
    if (contains(bytes, ascii("word/document"))) {
      return {
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extension: "docx",
      };
    }
  }
  return undefined;
}
