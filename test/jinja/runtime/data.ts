/** The same values the Python expectations were rendered with (see harness.ts). */
export function sampleData() {
  return {
    users: [
      { name: 'bob', age: 3, tags: ['x'] },
      { name: 'Al', age: 1, tags: [] as string[] },
      { name: 'cy', age: 3, tags: ['y', 'z'] },
    ],
    words: ['b', 'A', 'c', 'a'],
    nums: [3, 1, 2],
    d: { b: 2, a: 1, C: 3 },
    text: 'Hello <b>World</b> & "friends"',
  };
}
