import { placeholder } from '@piranha-ts/config';
test('smoke', () => {
  expect(placeholder).toBe(1);
});
