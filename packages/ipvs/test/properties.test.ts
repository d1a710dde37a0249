import fc from 'fast-check';
import {
  applyOps,
  diffTables,
  normalizeTable,
  opServiceKey,
  parseSaveFormat,
  renderBatch,
  renderBatchChunks,
  renderOp,
  renderSaveFormat,
  serviceKeyString,
  type IpvsOp,
} from '@piranha-ts/ipvs';
import { ipvsTable } from './arbitraries.js';

test('applying diffTables(a, b) to a gives b', () => {
  fc.assert(
    fc.property(ipvsTable(), ipvsTable(), (a, b) => {
      expect(normalizeTable(applyOps(a, diffTables(a, b)))).toEqual(normalizeTable(b));
    }),
    { numRuns: 500 },
  );
});

test('a table differs from itself by nothing', () => {
  fc.assert(
    fc.property(ipvsTable(), (a) => {
      expect(diffTables(a, a)).toEqual([]);
    }),
  );
});

test('after applying a diff there is nothing left to do', () => {
  fc.assert(
    fc.property(ipvsTable(), ipvsTable(), (a, b) => {
      expect(diffTables(applyOps(a, diffTables(a, b)), b)).toEqual([]);
    }),
  );
});

test('a batch, whole or in pieces of any size, is every op rendered alone, in order', () => {
  fc.assert(
    fc.property(ipvsTable(), ipvsTable(), fc.integer({ min: 1, max: 400 }), (a, b, bytes) => {
      const ops = diffTables(a, b);
      const oneByOne = ops.map((op) => `${renderOp(op).join(' ')}\n`).join('');
      expect(renderBatch(ops)).toBe(oneByOne);
      const pieces = [...renderBatchChunks(ops, bytes)];
      expect(pieces.join('')).toBe(oneByOne);
      expect(pieces.slice(0, -1).every((piece) => piece.length >= bytes)).toBe(true);
    }),
    { numRuns: 300 },
  );
});

const touchesDestinations = (op: IpvsOp) =>
  op.kind === 'add-dest' || op.kind === 'edit-dest' || op.kind === 'delete-dest';

test('services are added before their destinations and deleted after them', () => {
  fc.assert(
    fc.property(ipvsTable(), ipvsTable(), (a, b) => {
      const ops = diffTables(a, b);
      ops.forEach((op, i) => {
        const id = serviceKeyString(opServiceKey(op));
        const sameService = (other: IpvsOp) => serviceKeyString(opServiceKey(other)) === id;
        if (op.kind === 'add-service') {
          expect(ops.slice(0, i).filter(sameService)).toEqual([]);
        }
        if (op.kind === 'delete-service') {
          expect(ops.slice(i + 1).filter(sameService)).toEqual([]);
          expect(
            ops
              .slice(0, i)
              .filter(sameService)
              .every((o) => o.kind === 'delete-dest'),
          ).toBe(true);
        }
        if (touchesDestinations(op) && op.kind !== 'delete-dest') {
          expect(ops.slice(i + 1).some((o) => o.kind === 'delete-service' && sameService(o))).toBe(
            false,
          );
        }
      });
    }),
  );
});

test('the -Sn rendering parses back to the same table', () => {
  fc.assert(
    fc.property(ipvsTable(false), (t) => {
      const parsed = parseSaveFormat(renderSaveFormat(t));
      expect(parsed).toEqual({ ok: true, table: normalizeTable(t) });
    }),
  );
});
