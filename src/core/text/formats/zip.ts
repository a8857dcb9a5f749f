/** Reading zip containers (DOCX, EPUB) without trusting their declared sizes. */
import { Inflate } from 'fflate';
import { FocalError } from '../../../shared/errors';

/** The most a DOCX or EPUB may hold once unpacked; more is refused as a likely zip bomb. */
export const maxUnzippedBytes = 256 * 1024 * 1024;

/**
 * Unpacks the entries `keep` selects, by name, reading the zip's central directory by hand so that sizes are
 * checked before anything is inflated: a declared total over `maxUnzippedBytes` is refused as `too-large`,
 * and each entry is inflated in small steps that stop as soon as it outgrows its declared size, so an entry
 * that lies about its size costs neither memory nor time. A file that is not a readable zip, or that lies,
 * is `malformed`. Shared by the DOCX and EPUB readers.
 */
export function unzipWithinLimit(bytes: Uint8Array, keep: (name: string) => boolean, kind: string): Record<string, Uint8Array> {
  const damaged = (what: string) => new FocalError('malformed', `This ${kind} file is damaged: ${what}.`);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch {
    throw damaged('it is not a readable zip archive');
  }
  const declared = entries.reduce((total, entry) => total + entry.size, 0);
  if (declared > maxUnzippedBytes) {
    const mib = Math.round(declared / (1024 * 1024));
    throw new FocalError('too-large', `This ${kind} file would unpack to ${mib} MiB, more than Focal's limit of 256 MiB, so it was not opened.`);
  }
  const files: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (!keep(entry.name)) continue;
    let data: Uint8Array;
    try {
      data = entryData(bytes, entry);
    } catch {
      throw damaged(`its part ${entry.name} cannot be found`);
    }
    if (entry.method === 0) files[entry.name] = data.slice(0, entry.size);
    else if (entry.method === 8) files[entry.name] = inflateWithin(data, entry.size, () => damaged(`its part ${entry.name} does not unpack as its zip directory says`));
    else throw damaged(`its part ${entry.name} uses a compression method Focal cannot unpack`);
  }
  return files;
}

interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the directory declares. */
  size: number;
  localHeader: number;
}

const maxUint32 = 0xffffffff;

/** The central directory's entries (APPNOTE 4.3.12–4.3.16, with ZIP64 sizes and offsets). Throws on anything out of bounds. */
function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new RangeError('no end of central directory');
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    if (view.getUint32(zip64End, true) === 0x06064b50) {
      count = Number(view.getBigUint64(zip64End + 32, true));
      offset = Number(view.getBigUint64(zip64End + 48, true));
    }
  }
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new RangeError('bad central directory entry');
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localHeader: view.getUint32(offset + 42, true),
    };
    for (let extra = offset + 46 + nameLength; extra + 4 <= offset + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(extra, true);
      const length = view.getUint16(extra + 2, true);
      if (id === 0x0001) {
        let field = extra + 4;
        const next = () => Number(view.getBigUint64((field += 8) - 8, true));
        if (entry.size === maxUint32) entry.size = next();
        if (entry.compressedSize === maxUint32) entry.compressedSize = next();
        if (entry.localHeader === maxUint32) entry.localHeader = next();
      }
      extra += 4 + length;
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeader;
  if (view.getUint32(header, true) !== 0x04034b50) throw new RangeError('bad local header');
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new RangeError('entry past the end');
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Inflates in 16 KiB steps (each yields at most ~16 MiB), stopping the moment the output outgrows `size`. */
function inflateWithin(compressed: Uint8Array, size: number, lie: () => FocalError): Uint8Array {
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) throw lie();
    out.set(chunk, written);
    written += chunk.length;
  });
  const step = 16 * 1024;
  try {
    for (let at = 0; at < compressed.length || at === 0; at += step) {
      inflater.push(compressed.subarray(at, at + step), at + step >= compressed.length);
    }
  } catch (error) {
    throw error instanceof FocalError ? error : lie();
  }
  return written === size ? out : out.subarray(0, written);
}
