export * from './key-rotation';
