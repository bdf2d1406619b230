import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createScanDetector, type ScanFeed } from '../../renderer/src/lib/scan-detector';
import {
  useScanDetector,
  type UseScanDetectorOptions,
} from '../../renderer/src/lib/useScanDetector';

const WECHAT = '134567890123456780';

/** Feeds keys to a bare detector, `gap` ms apart starting at `start`; returns every answer. */
function feedAll(keys: string[], gap: number | number[], start = 1000): ScanFeed[] {
  const d = createScanDetector();
  let t = start;
  return keys.map((k, i) => {
    t += Array.isArray(gap) ? (gap[i] ?? 0) : i === 0 ? 0 : gap;
    return d.feed(k, t);
  });
}
const scans = (feeds: ScanFeed[]) => feeds.flatMap((f) => (f.kind === 'scan' ? [f.code] : []));

describe('scan detector (explicit time stamps)', () => {
  it('reports a fast burst ended by Enter as one scan', () => {
    const feeds = feedAll([...WECHAT, 'Enter'], 8);
    expect(scans(feeds)).toEqual([WECHAT]);
    expect(feeds.slice(0, -1).every((f) => f.kind === 'buffering')).toBe(true);
    expect(feeds.at(-1)).toEqual({ kind: 'scan', code: WECHAT });
  });

  it('never takes slow typing, however long', () => {
    expect(scans(feedAll([...WECHAT, 'Enter'], 90))).toEqual([]);
  });

  it('takes gaps right at the threshold and refuses one just over it', () => {
    expect(scans(feedAll([...WECHAT, 'Enter'], 35))).toEqual([WECHAT]);
    const gaps = [...WECHAT, 'Enter'].map((_, i) => (i === 0 ? 0 : i === 10 ? 36 : 5));
    // the run restarts after the slow gap, leaving 8 characters: still a scan
    expect(scans(feedAll([...WECHAT, 'Enter'], gaps))).toEqual([WECHAT.slice(10)]);
    const late = [...WECHAT, 'Enter'].map((_, i) => (i === 0 ? 0 : i === 18 ? 36 : 5));
    expect(scans(feedAll([...WECHAT, 'Enter'], late))).toEqual([]); // Enter too late
  });

  it('needs at least 8 characters, and no more than the maximum', () => {
    expect(scans(feedAll([...'1234567', 'Enter'], 5))).toEqual([]);
    expect(scans(feedAll([...'12345678', 'Enter'], 5))).toEqual(['12345678']);
    expect(scans(feedAll([...'1'.repeat(65), 'Enter'], 5))).toEqual([]);
    expect(scans(feedAll(['Enter'], 5))).toEqual([]);
  });

  it('drops a burst interrupted by a long pause', () => {
    const gaps = [...WECHAT, 'Enter'].map((_, i) => (i === 0 ? 0 : i === 12 ? 400 : 5));
    expect(scans(feedAll([...WECHAT, 'Enter'], gaps))).toEqual([]);
  });

  it('lets Shift and other modifiers through without breaking the run; other keys break it', () => {
    const keys = ['Shift', ...'ABCD', 'Shift', ...'1234', 'CapsLock', 'Enter'];
    expect(scans(feedAll(keys, 5))).toEqual(['ABCD1234']);
    expect(feedAll(['Shift'], 5)).toEqual([{ kind: 'pass' }]);
    const broken = [...'1234', 'Backspace', ...'5678', 'Enter'];
    expect(scans(feedAll(broken, 5))).toEqual([]);
  });

  it('treats a clock going backwards as a break, and forgets the run on reset', () => {
    const d = createScanDetector();
    [...'1234'].forEach((k, i) => d.feed(k, 100 + i));
    [...'5678'].forEach((k, i) => d.feed(k, 50 + i));
    expect(d.feed('Enter', 58).kind).toBe('pass');
    [...WECHAT].forEach((k, i) => d.feed(k, 200 + i));
    d.reset();
    expect(d.feed('Enter', 220).kind).toBe('pass');
  });

  it('takes its thresholds from options', () => {
    const d = createScanDetector({ minLength: 4, maxGapMs: 100, maxEnterGapMs: 200 });
    [...'1234'].forEach((k, i) => d.feed(k, i * 90));
    expect(d.feed('Enter', 270 + 190)).toEqual({ kind: 'scan', code: '1234' });
  });
});

/**
 * The hook in a small screen: a payment-code field that the scan replaces (as
 * the QR screen does), a plain text field elsewhere, and a form whose submit a
 * person's Enter still reaches. Time comes from a fake clock: each keydown is
 * `step` ms after the previous one unless the test moves the clock itself.
 */
function Harness(props: {
  onScan: (code: string) => void;
  opts: UseScanDetectorOptions;
  onSubmit?: () => void;
  onEnterKey?: () => void;
}) {
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  useScanDetector((c) => {
    setCode(c);
    props.onScan(c);
  }, props.opts);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit?.();
      }}
    >
      <input
        aria-label="code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && props.onEnterKey?.()}
      />
      <input aria-label="note" value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit">OK</button>
    </form>
  );
}

function clock(step: number) {
  const c = {
    t: 10_000,
    step,
    now: () => (c.t += c.step),
  };
  return c;
}

describe('useScanDetector', () => {
  it('turns a fast burst + Enter into one scan, replaces the field and swallows that Enter', async () => {
    const c = clock(8);
    const onScan = vi.fn();
    const onSubmit = vi.fn();
    const onEnterKey = vi.fn();
    render(
      <Harness onScan={onScan} opts={{ now: c.now }} onSubmit={onSubmit} onEnterKey={onEnterKey} />,
    );
    const field = screen.getByLabelText<HTMLInputElement>('code');
    await userEvent.type(field, `${WECHAT}{Enter}`);
    expect(onScan).toHaveBeenCalledTimes(1);
    expect(onScan).toHaveBeenCalledWith(WECHAT);
    expect(field.value).toBe(WECHAT);
    // the scan's Enter reaches neither the form nor the field's own Enter handler
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onEnterKey).not.toHaveBeenCalled();
  });

  it('leaves slow typing alone: no scan, the text stays, Enter submits as usual', async () => {
    const c = clock(150);
    const onScan = vi.fn();
    const onSubmit = vi.fn();
    const onEnterKey = vi.fn();
    render(
      <Harness onScan={onScan} opts={{ now: c.now }} onSubmit={onSubmit} onEnterKey={onEnterKey} />,
    );
    const field = screen.getByLabelText<HTMLInputElement>('code');
    await userEvent.type(field, `${WECHAT}{Enter}`);
    expect(onScan).not.toHaveBeenCalled();
    expect(field.value).toBe(WECHAT);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onEnterKey).toHaveBeenCalledTimes(1);
  });

  it('drops a burst interrupted by a long pause', async () => {
    const c = clock(8);
    const onScan = vi.fn();
    render(<Harness onScan={onScan} opts={{ now: c.now }} />);
    const field = screen.getByLabelText<HTMLInputElement>('code');
    await userEvent.type(field, WECHAT.slice(0, 12));
    c.t += 500;
    await userEvent.type(field, `${WECHAT.slice(12)}{Enter}`);
    expect(onScan).not.toHaveBeenCalled();
    expect(field.value).toBe(WECHAT);
  });

  it('detects a burst while the focus is in an ordinary text field', async () => {
    const c = clock(8);
    const onScan = vi.fn();
    render(<Harness onScan={onScan} opts={{ now: c.now }} />);
    const note = screen.getByLabelText<HTMLInputElement>('note');
    await userEvent.type(note, `${WECHAT}{Enter}`);
    expect(onScan).toHaveBeenCalledWith(WECHAT);
    expect(screen.getByLabelText<HTMLInputElement>('code').value).toBe(WECHAT);
  });

  it('ignores modifier keys inside a burst, and ends the run on a Ctrl chord, auto-repeat or IME', () => {
    const c = clock(5);
    const onScan = vi.fn();
    render(<Harness onScan={onScan} opts={{ now: c.now }} />);
    const note = screen.getByLabelText('note');
    const type = (keys: string[], extra: KeyboardEventInit = {}) =>
      keys.forEach((key) => fireEvent.keyDown(note, { key, ...extra }));

    type(['Shift', ...'AB', 'Shift', ...'123456', 'Alt', 'Enter']);
    expect(onScan).toHaveBeenLastCalledWith('AB123456');

    type([...'1234']);
    fireEvent.keyDown(note, { key: 'v', ctrlKey: true }); // a paste: a person
    type([...'5678', 'Enter']);
    type([...'1234']);
    fireEvent.keyDown(note, { key: '1', repeat: true }); // a key held down
    type([...'5678', 'Enter']);
    type([...'1234']);
    fireEvent.keyDown(note, { key: '5', isComposing: true });
    type([...'5678', 'Enter']);
    expect(onScan).toHaveBeenCalledTimes(1);
  });

  it("uses the event's own time stamp when no clock is given", () => {
    const onScan = vi.fn();
    render(<Harness onScan={onScan} opts={{}} />);
    const note = screen.getByLabelText('note');
    const press = (key: string, timeStamp: number) => {
      const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(e, 'timeStamp', { value: timeStamp });
      note.dispatchEvent(e);
      return e;
    };
    [...WECHAT].forEach((k, i) => press(k, 5000 + i * 10));
    const enter = press('Enter', 5000 + 18 * 10);
    expect(onScan).toHaveBeenCalledWith(WECHAT);
    expect(enter.defaultPrevented).toBe(true);
    [...WECHAT].forEach((k, i) => press(k, 9000 + i * 120));
    expect(press('Enter', 9000 + 18 * 120).defaultPrevented).toBe(false);
    expect(onScan).toHaveBeenCalledTimes(1);
  });

  it('listens only while enabled, and stops when unmounted', async () => {
    const c = clock(8);
    const onScan = vi.fn();
    const { rerender, unmount } = render(
      <Harness onScan={onScan} opts={{ now: c.now, enabled: false }} />,
    );
    const field = screen.getByLabelText<HTMLInputElement>('code');
    await userEvent.type(field, `${WECHAT}{Enter}`);
    expect(onScan).not.toHaveBeenCalled();
    rerender(<Harness onScan={onScan} opts={{ now: c.now, enabled: true }} />);
    await userEvent.clear(field);
    await userEvent.type(field, `${WECHAT}{Enter}`);
    expect(onScan).toHaveBeenCalledTimes(1);
    unmount();
    fireEvent.keyDown(window, { key: 'Enter' });
    [...WECHAT, 'Enter'].forEach((key) => fireEvent.keyDown(document.body, { key }));
    expect(onScan).toHaveBeenCalledTimes(1);
  });
});
