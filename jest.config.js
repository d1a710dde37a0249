// Three kinds of tests, selected with --selectProjects:
//   unit  - pure logic and local processes, no privileges needed
//   netns - real network namespaces on the host (root)
//   package - make install, the init scripts and the RPM (root)
//   lab   - the QEMU kernel lab with a real IPVS (root, slow)
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@piranha-ts/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@piranha-ts/([a-z-]+)/io$': '<rootDir>/packages/$1/src/io/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Tests that start our programs take seconds when both cores are busy (CI runs the unit
  // project's workers side by side); jest's 5 s default made them fail for no fault of theirs.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'netns',
      testMatch: ['<rootDir>/test/netns/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'package',
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'lab',
      testMatch: ['<rootDir>/test/lab/**/*.test.ts'],
    },
  ],
};
