// XLSX through exceljs's streaming writer: each row is committed as soon as
// it is added, so a sheet of 100,000 rows never sits in memory. Headings are
// bold, the header row frozen, columns sized, numbers written as numbers with
// their format (money in đồng), days as dates. Text is always written as a
// string cell: exceljs only makes a formula from a { formula } object, so a
// name beginning with "=" stays text (no formula injection).
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { NUM_FMT, xlsxValue, type Cell, type Column } from "./table.ts";

export interface SheetRowOptions {
  bold?: boolean;
  /** a number format per cell, where it differs from the column's */
  numFmts?: (string | undefined)[];
}

export interface SheetWriter {
  addRow(cells: Cell[], options?: SheetRowOptions): void;
  /** Ends the sheet (its rows are flushed); the next sheet may begin. */
  done(): void;
}

export class XlsxWriter {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(out: Writable) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  }

  addSheet(name: string, columns: Column[]): SheetWriter {
    const sheet = this.book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      header: c.header, key: `c${i}`, width: c.width, ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type] } } : {}),
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    header.commit();
    return {
      addRow(cells, options) {
        const row = sheet.addRow(cells.map((cell, i) => xlsxValue(columns[i]?.type ?? "text", cell)));
        if (options?.bold) row.font = { bold: true };
        options?.numFmts?.forEach((fmt, i) => {
          if (fmt !== undefined) row.getCell(i + 1).numFmt = fmt;
        });
        row.commit();
      },
      done() {
        sheet.commit();
      },
    };
  }

  /** Writes the end of the workbook; `out` is finished when this resolves. */
  async finish(): Promise<void> {
    await this.book.commit();
  }
}
