import type { R2Bucket } from "@cloudflare/workers-types/index";
import type { EvidenceStorage } from "./evidence-storage";

const FALLBACK_CONTENT_TYPE = "application/octet-stream";

/** Stores evidence files in an R2 bucket (Workers); the content type travels as the object's HTTP metadata. */
export function createR2Storage(bucket: R2Bucket): EvidenceStorage {
  return {
    async put(key, bytes, contentType) {
      await bucket.put(key, bytes, { httpMetadata: { contentType } });
    },
    async get(key) {
      const object = await bucket.get(key);
      if (!object) return null;
      return {
        bytes: new Uint8Array(await object.arrayBuffer()),
        contentType: object.httpMetadata?.contentType ?? FALLBACK_CONTENT_TYPE,
      };
    },
    async delete(key) {
      await bucket.delete(key);
    },
  };
}
