// What the harts have built for each guest page, so that a hart whose copy
// of a page gets hot takes the function another hart built for it rather
// than translating its own, and a hart that must translate (it enters the
// page where no build can) includes everything the others built.
//
// Why: a hart's region of a page holds the code that hart ran (assembly/
// jit/region.ts), so two harts running the same kernel pages each built
// their own modules, bytes apart, and every distinct module is compiled and
// later tiered up by V8 on a background thread. With every hart busy, that
// compiling took the host's cores from the harts (docs/JIT.md, "Several
// harts").
//
// The key is the physical page and the generation its decode header names:
// every hart that decoded the page at that generation decoded the same
// bytes, so a region built by one is valid for all.

/** A region: the core's marks table, one byte per 2-byte offset of the page
 *  (assembly/jit/region.ts: bit 0 in the region, bit 1 a leader). */
export const REGION_BYTES = 0x800;

export interface PageBuilds {
  /** The module built last for the page, and the region it holds. */
  key: string;
  region: Uint8Array;
  /** Every region built for the page, merged: where the next build starts. */
  union: Uint8Array;
}

/** Pages remembered (4 KiB each); past it the one noted first is forgotten
 *  (a process's pages outlive it here, and its next run has them elsewhere). */
const MAX_PAGES = 512;

export class PageRegions {
  private readonly pages = new Map<string, PageBuilds>();

  get(page: number, gen: number): PageBuilds | undefined {
    return this.pages.get(`${page}.${gen}`);
  }

  /** Module `key` was built for the page at generation `gen` from `region`. */
  note(page: number, gen: number, key: string, region: Uint8Array): void {
    const id = `${page}.${gen}`;
    const known = this.pages.get(id);
    if (!known) {
      if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
      this.pages.set(id, { key, region, union: region.slice() });
      return;
    }
    known.key = key;
    known.region = region;
    for (let i = 0; i < REGION_BYTES; i++) known.union[i] |= region[i];
  }
}
