import { documents, missingPaths } from '../support/document-paths';

/**
 * Documents say where things are; a moved file must not leave them pointing
 * at nothing. The README's and the runbook's commands are run by
 * e2e/readme-try-it and e2e/runbook; here, every repository path that any
 * Markdown file names in a code span or a relative link.
 */
describe('documents name only paths that exist', () => {
  const missing = missingPaths();

  it('covers the README, docs/ and the folders’ own READMEs', () => {
    expect(documents()).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'test/README.md']));
  });

  it.each(documents())('%s', (document) => {
    expect(missing[document]).toEqual([]);
  });
});
