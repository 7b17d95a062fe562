// An ESLint rule of the repository's own: source file names are kebab-case, dot-separated
// parts allowed (order-book.ts, gateio-spot.ws.test.ts, .dependency-cruiser.cjs).

const KEBAB = /^\.?[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** @type {import('eslint').Rule.RuleModule} */
export const kebabCaseFiles = {
  meta: {
    type: 'suggestion',
    docs: { description: 'file names are kebab-case' },
    messages: { notKebab: 'File name "{{name}}" is not kebab-case: write it as "{{suggestion}}".' },
    schema: [],
  },
  create(context) {
    const name = context.filename.split(/[\\/]/).pop() ?? '';
    const stem = name.replace(/\.[cm]?[jt]s$/, '');
    return {
      Program(node) {
        if (KEBAB.test(stem)) return;
        const suggestion = name
          .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
          .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
          .replace(/_/g, '-')
          .toLowerCase();
        context.report({ node, messageId: 'notKebab', data: { name, suggestion } });
      },
    };
  },
};
