/**
 * Writes a zip from parts that are already compressed (or stored): each part's bytes go in as given,
 * so a part copied from an input keeps its stored bytes. Used by the spliced status copy
 * (xlsx-splice.ts) and the owner marker (owner-mark.ts). No zip64: the reader's limits keep every
 * package far below 4 GB and 65,535 parts.
 */
export interface StoredPart {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  /** The uncompressed size. */
  readonly size: number;
  /** The compressed bytes, as stored. */
  readonly data: Uint8Array;
}

/** A zip of the parts, in order. */
export function writeZip(parts: readonly StoredPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(name.length !== p.name.length ? 0x800 : 0, 6); // UTF-8 names
    local.writeUInt16LE(p.method, 8);
    local.writeUInt16LE(p.time, 10);
    local.writeUInt16LE(p.date, 12);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    local.copy(cd, 6, 4, 30); // version needed … name length
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength));
    central.push(cd, name);
    offset += 30 + name.length + p.data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
