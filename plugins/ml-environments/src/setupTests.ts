import '@testing-library/jest-dom';

// jsdom has no SVG layout; DependencyGraph measures its nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  value: () => ({ x: 0, y: 0, width: 250, height: 92 }),
  configurable: true,
});
