#!/usr/bin/env node
// Builds one self-contained file per launcher in bin/ into dist/sbin/<name> (ESM, node20), with
// every npm dependency inside except koffi, whose native module cannot live in a bundle: its
// loader and the native build for this platform are copied to dist/lib/piranha-ts/node_modules,
// and the bundles load it from ../lib/piranha-ts beside their own directory (PREFIX/sbin ->
// PREFIX/lib/piranha-ts) by a relative path, never by a node_modules search, so the tree installs
// under any prefix and never picks up another copy of koffi.
//
// Usage: node tools/bundle.mjs [OUTDIR]   (default dist; needs `make build` first)
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../', import.meta.url));
const outDir = process.argv[2] ?? join(repo, 'dist');
const sbinDir = join(outDir, 'sbin');
const libDir = join(outDir, 'lib', 'piranha-ts');

/** The launchers: every executable file in bin/. */
async function launchers() {
  const names = [];
  for (const entry of await readdir(join(repo, 'bin'), { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const mode = (await stat(join(repo, 'bin', entry.name))).mode;
    if (mode & 0o111) names.push(entry.name);
  }
  return names.sort();
}

// Replaces `import koffi from 'koffi'` by a load from the library directory beside sbin/.
const koffiFromLibDir = {
  name: 'koffi-from-libdir',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^koffi$/ }, () => ({ path: 'koffi', namespace: 'libdir' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'libdir' }, () => ({
      loader: 'js',
      contents: [
        "import { createRequire as createLibRequire } from 'node:module';",
        "const libRequire = createLibRequire(new URL('../lib/piranha-ts/', import.meta.url));",
        "export default libRequire('./node_modules/koffi/index.js');",
      ].join('\n'),
    }));
  },
};

// CommonJS dependencies (winston, commander...) call require() for Node's modules. The
// launcher's own #! line is kept: it may give Node flags.
const banner = (shebang) =>
  [
    shebang,
    "import { createRequire as __piranhaCreateRequire } from 'node:module';",
    'const require = __piranhaCreateRequire(import.meta.url);',
  ].join('\n');

async function bundle(name) {
  const source = await readFile(join(repo, 'bin', name), 'utf8');
  const outfile = join(sbinDir, name);
  await build({
    stdin: {
      contents: source.replace(/^#!.*\n/, ''),
      resolveDir: join(repo, 'bin'),
      sourcefile: `bin/${name}`,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    banner: { js: banner(source.match(/^#!.*/)?.[0] ?? '#!/usr/bin/env node') },
    plugins: [koffiFromLibDir],
    legalComments: 'none',
    logLevel: 'warning',
  });
  await chmod(outfile, 0o755);
  return outfile;
}

/** koffi's platform directory name for this machine (its own naming: linux_x64, linux_armhf...). */
function koffiTriplet() {
  const arch = { arm: 'armhf', riscv64: 'riscv64d' }[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

async function copyKoffi() {
  const koffiDir = dirname(createRequire(import.meta.url).resolve('koffi/package.json'));
  const target = join(libDir, 'node_modules', 'koffi');
  await rm(target, { recursive: true, force: true });
  const native = join('build', 'koffi', koffiTriplet(), 'koffi.node');
  for (const file of ['package.json', 'index.js', 'LICENSE.txt', native]) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(join(koffiDir, file), join(target, file));
  }
  return join(target, native);
}

await rm(sbinDir, { recursive: true, force: true });
await mkdir(sbinDir, { recursive: true });
for (const name of await launchers()) {
  const file = await bundle(name);
  const size = (await stat(file)).size;
  console.log(`bundle: ${relative(repo, file)} (${Math.round(size / 1024)} KiB)`);
}
const native = await copyKoffi();
console.log(
  `bundle: ${relative(repo, native)} (${Math.round((await stat(native)).size / 1024)} KiB)`,
);
