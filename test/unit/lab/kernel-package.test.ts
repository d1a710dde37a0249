import { readFile } from 'node:fs/promises';
import { isStaticElf } from '../../lab/busybox.js';
import { parseKernelDepends } from '../../lab/kernel-package.js';

test('the kernel package is read from apt-cache depends linux-image-amd64', () => {
  const output = 'linux-image-amd64\n  Depends: linux-image-6.1.0-56-amd64\n';
  expect(parseKernelDepends(output)).toEqual({
    name: 'linux-image-6.1.0-56-amd64',
    version: '6.1.0-56-amd64',
  });
  expect(parseKernelDepends('linux-image-amd64\n')).toBeUndefined();
});

test('a dynamically linked program is not taken for a static busybox', async () => {
  expect(isStaticElf(await readFile(process.execPath))).toBe(false);
  expect(isStaticElf(Buffer.from('#!/bin/sh\n'.padEnd(64)))).toBe(false);
});
