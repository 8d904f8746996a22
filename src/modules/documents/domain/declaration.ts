import { isAcceptedMimeType, type AcceptedMimeType } from './file-type.ts';

/** One file a person says they will upload, as posted to the docUpload step. */
export interface FileDeclaration {
  fileName: string;
  mimeType: AcceptedMimeType;
  fileSize: number;
}

export type DocumentError = 'ZERO_SIZE' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'UNKNOWN';
const ERROR_ID: Record<DocumentError, string> = {
  ZERO_SIZE: 'invalidFileSizeEmpty',
  TOO_LARGE: 'invalidFileSizeMax',
  UNSUPPORTED_TYPE: 'unsupportedDocMimeType',
  UNKNOWN: 'noValidFiles',
};

export type DeclarationCheck =
  | { kind: 'ok'; files: FileDeclaration[] }
  | { kind: 'invalidRequest'; errorId: string; message: string }
  | { kind: 'fileErrors'; perFile: { mimeType: unknown; fileSize: unknown; errors: DocumentError[] }[]; errorIds: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FILE_KEYS = ['fileName', 'mimeType', 'fileSize'];

/**
 * Checks a docUpload body: the seed's bare array or `{"files": [...]}`, 1 to `maxFiles` entries of
 * `{fileName, mimeType, fileSize}`. Shape problems refuse the request; type and size problems come back
 * per file (ZERO_SIZE, TOO_LARGE, UNSUPPORTED_TYPE) so the person can pick other files.
 */
export function checkDeclaration(body: unknown, limits: { maxFiles: number; maxFileSize: number }): DeclarationCheck {
  let list: unknown = body;
  if (isObject(body)) {
    const extra = Object.keys(body).find((k) => k !== 'files');
    if (extra !== undefined)
      return { kind: 'invalidRequest', errorId: 'invalidRequest', message: `Unexpected property '${extra}', expected one of: files` };
    list = body.files;
  }
  if (!Array.isArray(list))
    return {
      kind: 'invalidRequest',
      errorId: 'invalidRequest',
      message: 'Request body must be a JSON array of {fileName, mimeType, fileSize}, or {"files": [...]}',
    };
  if (list.length === 0 || list.length > limits.maxFiles) {
    return {
      kind: 'invalidRequest',
      errorId: 'invalidNumberOfFiles',
      message: `Between 1 and ${limits.maxFiles} files may be uploaded at once, got ${list.length}`,
    };
  }
  for (const [i, f] of list.entries()) {
    if (!isObject(f)) return { kind: 'invalidRequest', errorId: 'invalidRequest', message: `File ${i + 1} must be an object` };
    const extra = Object.keys(f).find((k) => !FILE_KEYS.includes(k));
    if (extra !== undefined)
      return {
        kind: 'invalidRequest',
        errorId: 'invalidRequest',
        message: `Unexpected property '${extra}' in file ${i + 1}, expected one of: ${FILE_KEYS.join(', ')}`,
      };
    if (
      typeof f.fileName !== 'string' ||
      f.fileName.trim() === '' ||
      f.fileName.length > 255 ||
      /[\u0000-\u001f\u007f/\\]/.test(f.fileName)
    ) {
      return {
        kind: 'invalidRequest',
        errorId: 'invalidRequest',
        message: `File ${i + 1}: fileName must be a plain file name of 1 to 255 characters`,
      };
    }
    if (typeof f.mimeType !== 'string')
      return { kind: 'invalidRequest', errorId: 'invalidRequest', message: `File ${i + 1}: mimeType must be a string` };
    if (typeof f.fileSize !== 'number' || !Number.isSafeInteger(f.fileSize)) {
      return { kind: 'invalidRequest', errorId: 'invalidRequest', message: `File ${i + 1}: fileSize must be an integer number of bytes` };
    }
  }
  const files = list as { fileName: string; mimeType: string; fileSize: number }[];
  const perFile = files.map((f) => {
    const errors: DocumentError[] = [];
    if (f.fileSize <= 0) errors.push('ZERO_SIZE');
    if (f.fileSize > limits.maxFileSize) errors.push('TOO_LARGE');
    if (!isAcceptedMimeType(f.mimeType)) errors.push('UNSUPPORTED_TYPE');
    return { mimeType: f.mimeType, fileSize: f.fileSize, errors };
  });
  const errorIds = [...new Set(perFile.flatMap((p) => p.errors.map((e) => ERROR_ID[e])))];
  if (errorIds.length) return { kind: 'fileErrors', perFile, errorIds };
  return { kind: 'ok', files: files as FileDeclaration[] };
}
