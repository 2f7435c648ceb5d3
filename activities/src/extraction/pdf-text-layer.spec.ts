import { layOutLines } from './pdf-text-layer';

const item = (text: string, x: number, y: number, width = text.length * 5, height = 10) => ({
  text,
  x,
  y,
  width,
  height,
});

describe('layOutLines', () => {
  it('puts items on one baseline into one line, left to right, top line first', () => {
    const lines = layOutLines([item('Total', 300, 100), item('Invoice', 10, 700), item('$ 4.11', 500, 101)]);
    expect(lines[0]).toBe('Invoice');
    expect(lines[1]).toMatch(/^Total {2,}\$ 4\.11$/);
  });

  it('keeps words of one phrase one space apart and columns at least two apart', () => {
    const [line] = layOutLines([
      item('Invoice', 10, 500),
      item('Number:', 48, 500),
      item('42183017', 300, 500),
    ]);
    expect(line?.split(/ {2,}/)).toEqual(['Invoice Number:', '42183017']);
  });

  it('joins pieces of one word that touch', () => {
    const [line] = layOutLines([item('Fact', 10, 500, 20), item('uur', 30, 500, 15)]);
    expect(line).toBe('Factuur');
  });
});
