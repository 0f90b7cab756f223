module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // CDK constructs add themselves to their scope when constructed.
    'no-new': 'off',
  },
});
