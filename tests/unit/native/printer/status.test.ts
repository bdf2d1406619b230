import { describe, expect, it } from 'vitest';
import {
  ALL_STATUS_QUERIES,
  combineStatus,
  encodeStatusBytes,
  isReady,
  isStatusByte,
  parseErrorCauseByte,
  parseOfflineCauseByte,
  parsePaperSensorByte,
  parsePrinterStatusByte,
  printerProblems,
  type SimulatedPrinterState,
  statusQuery,
  StatusQueryScanner,
  type StatusBytes,
} from '../../../../native/printer/status';

// Bits 1 and 4 are fixed at 1 in every answer, bits 0 and 7 at 0.
const BASE = 0x12;
const READY: StatusBytes = {
  printer: BASE,
  offlineCause: BASE,
  errorCause: BASE,
  paperSensor: BASE,
};

describe('status queries', () => {
  it('are DLE EOT n', () => {
    expect([...statusQuery(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusQuery(4)]).toEqual([0x10, 0x04, 0x04]);
    expect([...ALL_STATUS_QUERIES]).toEqual([16, 4, 1, 16, 4, 2, 16, 4, 3, 16, 4, 4]);
  });
});

describe('isStatusByte', () => {
  it('accepts bytes with the fixed bits right, whatever the others', () => {
    for (const b of [0x12, 0x16, 0x1e, 0x32, 0x52, 0x7e]) expect(isStatusByte(b)).toBe(true);
  });
  it('rejects bytes with a fixed bit wrong (XON, XOFF, ASB, noise)', () => {
    for (const b of [0x00, 0x11, 0x13, 0x10, 0x02, 0x92, 0xff, 0x14]) {
      expect(isStatusByte(b)).toBe(false);
    }
  });
});

describe('DLE EOT 1: printer status', () => {
  it('all clear', () => {
    expect(parsePrinterStatusByte(BASE)).toEqual({
      drawerPin3High: false,
      offline: false,
      waitingForOnlineRecovery: false,
      feedButtonPressed: false,
    });
  });
  it.each([
    [0x04, 'drawerPin3High'],
    [0x08, 'offline'],
    [0x20, 'waitingForOnlineRecovery'],
    [0x40, 'feedButtonPressed'],
  ] as const)('bit %i sets %s alone', (mask, field) => {
    const parsed = parsePrinterStatusByte(BASE | mask);
    for (const [key, value] of Object.entries(parsed)) expect(value).toBe(key === field);
  });
});

describe('DLE EOT 2: offline cause', () => {
  it('all clear', () => {
    expect(Object.values(parseOfflineCauseByte(BASE)).every((v) => v === false)).toBe(true);
  });
  it.each([
    [0x04, 'coverOpen'],
    [0x08, 'feedingByButton'],
    [0x20, 'stoppedByPaperEnd'],
    [0x40, 'errorOccurred'],
  ] as const)('bit %i sets %s alone', (mask, field) => {
    const parsed = parseOfflineCauseByte(BASE | mask);
    for (const [key, value] of Object.entries(parsed)) expect(value).toBe(key === field);
  });
});

describe('DLE EOT 3: error cause', () => {
  it('all clear', () => {
    expect(Object.values(parseErrorCauseByte(BASE)).every((v) => v === false)).toBe(true);
  });
  it.each([
    [0x04, 'recoverableError'],
    [0x08, 'autocutterError'],
    [0x20, 'unrecoverableError'],
    [0x40, 'autoRecoverableError'],
  ] as const)('bit %i sets %s alone', (mask, field) => {
    const parsed = parseErrorCauseByte(BASE | mask);
    for (const [key, value] of Object.entries(parsed)) expect(value).toBe(key === field);
  });
});

describe('DLE EOT 4: paper roll sensor', () => {
  it('paper adequate', () => {
    expect(parsePaperSensorByte(BASE)).toEqual({ paperNearEnd: false, paperOut: false });
  });
  it('near end: bits 2 and 3 (either one from printers that set only one)', () => {
    expect(parsePaperSensorByte(BASE | 0x0c)).toEqual({ paperNearEnd: true, paperOut: false });
    expect(parsePaperSensorByte(BASE | 0x04).paperNearEnd).toBe(true);
    expect(parsePaperSensorByte(BASE | 0x08).paperNearEnd).toBe(true);
  });
  it('paper out: bits 5 and 6 (either one)', () => {
    expect(parsePaperSensorByte(BASE | 0x60)).toEqual({ paperNearEnd: false, paperOut: true });
    expect(parsePaperSensorByte(BASE | 0x20).paperOut).toBe(true);
    expect(parsePaperSensorByte(BASE | 0x40).paperOut).toBe(true);
    expect(parsePaperSensorByte(BASE | 0x6c)).toEqual({ paperNearEnd: true, paperOut: true });
  });
});

describe('parsers refuse what is not a status byte', () => {
  it.each([0x00, 0x13, 0x92, 0x100, -1, 1.5])('%s', (b) => {
    expect(() => parsePrinterStatusByte(b)).toThrow(RangeError);
    expect(() => parseOfflineCauseByte(b)).toThrow(RangeError);
    expect(() => parseErrorCauseByte(b)).toThrow(RangeError);
    expect(() => parsePaperSensorByte(b)).toThrow(RangeError);
  });
});

describe('combineStatus', () => {
  it('a ready printer', () => {
    const status = combineStatus(READY);
    expect(status).toMatchObject({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
      drawerOpen: false,
      error: false,
    });
    expect(status.raw).toEqual(READY);
    expect(isReady(status)).toBe(true);
    expect(printerProblems(status)).toEqual([]);
  });

  it('cover open: offline, named by its cause', () => {
    const status = combineStatus({ ...READY, printer: BASE | 0x08, offlineCause: BASE | 0x04 });
    expect(status).toMatchObject({ online: false, coverOpen: true, error: false });
    expect(isReady(status)).toBe(false);
    expect(printerProblems(status)).toEqual(['COVER_OPEN']);
  });

  it('paper out from the sensor or from "stopped by paper end"', () => {
    const fromSensor = combineStatus({ ...READY, printer: BASE | 0x08, paperSensor: BASE | 0x6c });
    expect(fromSensor).toMatchObject({ paperOut: true, paperNearEnd: true, online: false });
    expect(printerProblems(fromSensor)).toEqual(['PAPER_OUT', 'PAPER_NEAR_END']);
    const fromStop = combineStatus({ ...READY, offlineCause: BASE | 0x20 });
    expect(fromStop.paperOut).toBe(true);
  });

  it('paper near end still prints', () => {
    const status = combineStatus({ ...READY, paperSensor: BASE | 0x0c });
    expect(isReady(status)).toBe(true);
    expect(printerProblems(status)).toEqual(['PAPER_NEAR_END']);
  });

  it('offline without a known cause', () => {
    const status = combineStatus({ ...READY, printer: BASE | 0x08 });
    expect(printerProblems(status)).toEqual(['OFFLINE']);
  });

  it('errors: each cause, and the bare error bit', () => {
    const cases: [number, string][] = [
      [0x04, 'RECOVERABLE_ERROR'],
      [0x08, 'AUTOCUTTER_ERROR'],
      [0x20, 'UNRECOVERABLE_ERROR'],
      [0x40, 'AUTO_RECOVERABLE_ERROR'],
    ];
    for (const [mask, problem] of cases) {
      const status = combineStatus({
        ...READY,
        printer: BASE | 0x08,
        offlineCause: BASE | 0x40,
        errorCause: BASE | mask,
      });
      expect(status.error).toBe(true);
      expect(printerProblems(status)).toEqual([problem]);
    }
    const bare = combineStatus({ ...READY, offlineCause: BASE | 0x40 });
    expect(bare.error).toBe(true);
    expect(printerProblems(bare)).toEqual(['ERROR']);
  });

  it('drawer open follows the configured level of pin 3', () => {
    const high = { ...READY, printer: BASE | 0x04 };
    expect(combineStatus(high).drawerOpen).toBe(true);
    expect(combineStatus(READY).drawerOpen).toBe(false);
    expect(combineStatus(high, { drawerOpenLevel: 'low' }).drawerOpen).toBe(false);
    expect(combineStatus(READY, { drawerOpenLevel: 'low' }).drawerOpen).toBe(true);
  });

  it('feed button and waiting for recovery are passed on', () => {
    const status = combineStatus({ ...READY, printer: BASE | 0x60 });
    expect(status.feedButtonPressed).toBe(true);
    expect(status.waitingForOnlineRecovery).toBe(true);
  });
});

describe('encodeStatusBytes (what the simulators answer)', () => {
  const parse = (state: SimulatedPrinterState) => combineStatus(encodeStatusBytes(state));

  it('gives status-shaped bytes for every state', () => {
    const states: SimulatedPrinterState[] = [
      {},
      { coverOpen: true, paperOut: true, offline: true, drawerPin3High: true, error: 'autocutter' },
    ];
    for (const state of states) {
      for (const b of Object.values(encodeStatusBytes(state))) expect(isStatusByte(b)).toBe(true);
    }
  });

  it('reads back as the state it encodes', () => {
    expect(encodeStatusBytes({})).toEqual(READY);
    expect(parse({ coverOpen: true })).toMatchObject({ online: false, coverOpen: true });
    expect(parse({ paperNearEnd: true })).toMatchObject({ online: true, paperNearEnd: true });
    expect(parse({ paperOut: true })).toMatchObject({
      online: false,
      paperOut: true,
      paperNearEnd: true,
    });
    expect(parse({ offline: true })).toMatchObject({ online: false, error: false });
    expect(parse({ drawerPin3High: true }).drawerOpen).toBe(true);
    expect(parse({ error: 'unrecoverable' })).toMatchObject({
      error: true,
      unrecoverableError: true,
      online: false,
    });
    expect(parse({ error: 'auto-recoverable' })).toMatchObject({
      autoRecoverableError: true,
      waitingForOnlineRecovery: true,
    });
    expect(parse({ error: 'recoverable' }).recoverableError).toBe(true);
    expect(parse({ error: 'autocutter' }).autocutterError).toBe(true);
  });
});

describe('StatusQueryScanner', () => {
  it('takes queries out of print data and keeps the rest in order', () => {
    const scanner = new StatusQueryScanner();
    const { data, queries } = scanner.push(
      Buffer.from([0x1b, 0x40, 0x41, 0x10, 0x04, 0x01, 0x42, 0x10, 0x04, 0x04, 0x0a]),
    );
    expect([...data]).toEqual([0x1b, 0x40, 0x41, 0x42, 0x0a]);
    expect(queries).toEqual([1, 4]);
  });

  it('finds a query cut across chunks at every split point', () => {
    const bytes = [0x41, 0x10, 0x04, 0x03, 0x42];
    for (let cut = 0; cut <= bytes.length; cut++) {
      const scanner = new StatusQueryScanner();
      const first = scanner.push(Buffer.from(bytes.slice(0, cut)));
      const second = scanner.push(Buffer.from(bytes.slice(cut)));
      expect([...first.data, ...second.data]).toEqual([0x41, 0x42]);
      expect([...first.queries, ...second.queries]).toEqual([3]);
    }
  });

  it('leaves other DLE commands and out-of-range n alone', () => {
    const scanner = new StatusQueryScanner();
    const input = [0x10, 0x14, 0x01, 0x00, 0x05, 0x10, 0x04, 0x07, 0x10, 0x05, 0x02];
    const { data, queries } = scanner.push(Buffer.from(input));
    expect([...data]).toEqual(input);
    expect(queries).toEqual([]);
  });

  it('hands back a trailing DLE on flush', () => {
    const scanner = new StatusQueryScanner();
    expect([...scanner.push(Buffer.from([0x41, 0x10])).data]).toEqual([0x41]);
    expect([...scanner.flush()]).toEqual([0x10]);
    expect([...scanner.flush()]).toEqual([]);
  });
});
