// An uploaded workbook is judged by its bytes, never by its name: a renamed .xls, .csv or .exe is
// refused, and so is an encrypted (password-protected) workbook, which Excel stores as an OLE container.

/** Largest file an import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most data rows an import accepts. */
export const MAX_IMPORT_ROWS = 20_000;
// A 5 MB zip can inflate to gigabytes (a zip bomb); the parts of an honest 20,000-row sheet stay far below this.
const MAX_INFLATED_BYTES = 120 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2_000;

/** Why a file cannot be imported: 400 for the wrong kind of file, 413 for too large. */
export interface FileProblem {
  status: 400 | 413;
  message: string;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

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

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

// An encrypted OOXML file is an OLE compound file with an "EncryptedPackage" stream (MS-OFFCRYPTO);
// directory entry names are UTF-16LE.
function describeOle(bytes: Uint8Array): FileProblem {
  if (contains(bytes, utf16le("EncryptedPackage")))
    return {
      status: 400,
      message:
        "文件设置了打开密码（已加密），无法读取；请在 Excel 中取消密码后重新上传 The workbook is password-protected (encrypted); remove the password and upload it again",
    };
  return {
    status: 400,
    message:
      "这是旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 后上传 This is a legacy .xls file; save it as .xlsx",
  };
}

/** An entry of the zip's central directory. */
export interface ZipEntry {
  name: string;
  inflatedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

/** Reads the zip's central directory (names and uncompressed sizes) without inflating anything. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count > MAX_ZIP_ENTRIES)
    return [
      {
        name: "(too many entries)",
        inflatedSize: Number.POSITIVE_INFINITY,
        method: 0,
        compressedSize: 0,
        localOffset: 0,
      },
    ];
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return undefined;
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const skip = view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // 0xFFFFFFFF marks a zip64 size: more than 4 GB inflated, never an honest import.
    entries.push({
      name,
      inflatedSize: size === 0xffffffff ? Number.POSITIVE_INFINITY : size,
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + skip;
  }
  return entries;
}

/** Checks that the bytes are a plain .xlsx workbook of acceptable size; undefined when they are. */
export function checkWorkbookBytes(bytes: Uint8Array): FileProblem | undefined {
  if (bytes.length === 0) return { status: 400, message: "文件为空 The file is empty" };
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      status: 413,
      message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
    };
  if (startsWith(bytes, OLE_MAGIC)) return describeOle(bytes);
  const notXlsx: FileProblem = {
    status: 400,
    message: "不是 Excel .xlsx 文件（按文件内容判断，与文件名无关） The file is not an .xlsx workbook",
  };
  if (!startsWith(bytes, ZIP_MAGIC)) return notXlsx;
  const entries = listZipEntries(bytes);
  if (!entries) return notXlsx;
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) return notXlsx;
  const inflated = entries.reduce((sum, e) => sum + e.inflatedSize, 0);
  if (inflated > MAX_INFLATED_BYTES)
    return {
      status: 413,
      message: "工作簿解压后过大 The workbook is too large once uncompressed",
    };
  return undefined;
}
