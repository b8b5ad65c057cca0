// CSV through csv-stringify: UTF-8 with a BOM (so that Excel reads the
// Vietnamese correctly), a header row, and cells that look like a formula
// (= + - @, tab, CR) prefixed with a quote so no spreadsheet runs them.
// Writes wait for the output to drain: memory stays flat however many rows.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { stringify, type Stringifier } from "csv-stringify";
import { csvValue, type Cell, type Column } from "./table.ts";

export class CsvWriter {
  private readonly csv: Stringifier;
  private readonly piped: Promise<void>;

  constructor(out: Writable, private readonly columns: Column[]) {
    this.csv = stringify({ bom: true, escape_formulas: true, header: true, columns: columns.map((c) => c.header) });
    this.piped = new Promise((resolve, reject) => {
      out.on("finish", resolve);
      out.on("close", resolve);
      out.on("error", reject);
      this.csv.on("error", reject);
    });
    this.csv.pipe(out);
  }

  async addRow(cells: Cell[]): Promise<void> {
    const record = cells.map((cell, i) => csvValue(this.columns[i]?.type ?? "text", cell));
    if (!this.csv.write(record)) await once(this.csv, "drain");
  }

  async finish(): Promise<void> {
    this.csv.end();
    await this.piped;
  }
}
