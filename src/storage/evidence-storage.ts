/** Where evidence files (佐证材料) live: a local folder on Node, an R2 bucket on Workers. */
export interface EvidenceStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when the key is unknown. */
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

/** Keeps files in memory: for tests and for throw-away (`memory://`) databases. */
export function createMemoryStorage(): EvidenceStorage {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  return {
    async put(key, bytes, contentType) {
      files.set(key, { bytes: bytes.slice(), contentType });
    },
    async get(key) {
      return files.get(key) ?? null;
    },
    async delete(key) {
      files.delete(key);
    },
  };
}
