// pg-boss 12, node-pg-migrate 9 and two of their dependencies ship only ES modules, which Jest's
// CommonJS runtime cannot require (it supports require(esm) from Node 24.9). Any Jest project that
// imports @edgepress/db lets @swc/jest transform them:
//   projectConfig(__dirname, require('../../libs/db/jest-esm-packages.cjs'))
// (At run time Node 20.19+ loads them through require(esm); no transform is involved.)
module.exports = {
  transformIgnorePatterns: ['/node_modules/(?!(pg-boss|serialize-error|non-error|node-pg-migrate)/)'],
};
