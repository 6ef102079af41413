import { describe, expect, it } from 'vitest';
import { keyBytes, TerminalScreen } from './terminal-screen';

describe('the dashboard terminal', () => {
  it('shows a shell session: prompt, echo, erase with \\b \\b, output on new lines', () => {
    const s = new TerminalScreen();
    s.write('/ # ');
    s.write('echo hix');
    s.write('\b \b');
    s.write('\r\nhi\r\n/ # ');
    // The erased x is a blank, as on a real screen.
    expect(s.view()).toEqual({ text: '/ # echo hi \nhi\n/ # ', cursor: '/ # echo hi \nhi\n/ # '.length });
  });

  it('drops colour escapes and expands tabs', () => {
    const s = new TerminalScreen();
    s.write('\x1b[1;34mbin\x1b[0m\tetc\r\n');
    expect(s.view().text).toBe('bin     etc\n');
  });

  it('maps keys to what a terminal sends: Enter CR, Backspace DEL, Ctrl-C ETX, Ctrl-D EOT', () => {
    const k = (key: string, ctrlKey = false) => keyBytes({ key, ctrlKey, metaKey: false, altKey: false });
    expect([k('Enter'), k('Backspace'), k('c', true), k('d', true), k('x'), k('Shift')]).toEqual(['\r', '\x7f', '\x03', '\x04', 'x', undefined]);
  });
});
