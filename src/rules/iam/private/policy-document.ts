/**
 * JSON helpers some rules share. Policy documents themselves are read by the one policy reader
 * (`src/iam/policy-reader.ts`); finding ids are sanitised by the one scheme (`src/core/finding-ids.ts`).
 */

/** Parses a JSON string document; returns other values unchanged and undefined for unparseable strings. */
export function parseIfJsonString(value: any): any {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** A JSON object that is not an intrinsic function (`{"Ref": ...}`, `{"Fn::Join": ...}`). */
export function isPlainObject(value: any): value is { [key: string]: any } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')));
}
