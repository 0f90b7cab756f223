import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no SVG layout; DependencyGraph measures its nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  value: () => ({ x: 0, y: 0, width: 250, height: 92 }),
  configurable: true,
});

// findBy*/waitFor give up after 1 s by default; on a busy two-core CI machine
// a render after a mocked request can take longer. Waiting longer only
// slows a failing test, never passes a wrong one.
configure({ asyncUtilTimeout: 10_000 });
