import { loadOrder, moduleName, parseModuleIndex } from '../../lab/modules.js';

const modulesDep = [
  'kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko',
  'kernel/net/9p/9pnet.ko:',
  'kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko',
  'kernel/fs/netfs/netfs.ko:',
  'kernel/net/9p/9pnet_virtio.ko.xz: kernel/net/9p/9pnet.ko',
  '',
].join('\n');
const index = parseModuleIndex(modulesDep, 'kernel/drivers/virtio/virtio.ko\n');

describe('kernel module load order', () => {
  test('names drop the directory and extension and use underscores', () => {
    expect(moduleName('kernel/x/virtio-pci.ko.zst')).toBe('virtio_pci');
  });

  test('dependencies come before their users, each once', () => {
    expect(loadOrder(index, ['9p', '9pnet-virtio'])).toEqual([
      'kernel/net/9p/9pnet.ko',
      'kernel/fs/netfs/netfs.ko',
      'kernel/fs/fscache/fscache.ko',
      'kernel/fs/9p/9p.ko',
      'kernel/net/9p/9pnet_virtio.ko.xz',
    ]);
  });

  test('built-in modules need no file; unknown ones are an error', () => {
    expect(loadOrder(index, ['virtio'])).toEqual([]);
    expect(() => loadOrder(index, ['nonexistent'])).toThrow(/nonexistent/);
  });
});
