// escpos 2.5.2 ships no types for its deep modules; we import printer.js and commands.js directly
// (not the package index, which loads the USB/serial/bluetooth adapters). Only what we call is
// declared, so a missing method is a compile error rather than a runtime surprise.

declare module 'escpos/printer.js' {
  import type { Buffer } from 'node:buffer';

  export interface EscposAdapter {
    write(data: Buffer, callback?: (error?: Error | null) => void): void;
  }

  export default class Printer {
    constructor(adapter: EscposAdapter, options?: { encoding?: string });
    encoding: string;
    hardware(hw: 'init' | 'select' | 'reset'): this;
    cashdraw(pin?: 2 | 5): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    size(width: number, height: number): this;
    text(content: string, encoding?: string): this;
    print(content: string | Buffer): this;
    feed(lines?: number): this;
    cut(partial?: boolean, feedLines?: number): this;
    flush(callback?: (error?: Error | null) => void): this;
  }
}

declare module 'escpos/commands.js' {
  const commands: {
    readonly TEXT_FORMAT: {
      readonly TXT_BOLD_ON: string;
      readonly TXT_BOLD_OFF: string;
    };
  };
  export default commands;
}
