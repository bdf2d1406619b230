// escpos 2.5.2 ships no types for its deep modules; we import commands.js directly (not the
// package index, which loads the USB/serial/bluetooth adapters) for its command bytes. Only what
// we use is declared, so a missing constant is a compile error rather than a runtime surprise.

declare module 'escpos/commands.js' {
  const commands: {
    readonly EOL: string;
    readonly TEXT_FORMAT: {
      readonly TXT_BOLD_ON: string;
      readonly TXT_BOLD_OFF: string;
      readonly TXT_ALIGN_LT: string;
      readonly TXT_ALIGN_CT: string;
      readonly TXT_ALIGN_RT: string;
      readonly TXT_NORMAL: string;
      readonly TXT_4SQUARE: string;
    };
    readonly HARDWARE: { readonly HW_INIT: string };
    readonly PAPER: { readonly PAPER_PART_CUT: string };
  };
  export default commands;
}
