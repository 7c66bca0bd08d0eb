// The part of unzipper (exceljs's own zip reader, 0.10.x) that io/xlsx-reader.ts uses: random access
// to a zip's entries through its central directory. The package ships no types.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    stream(password?: string): Readable;
  }

  interface CentralDirectory {
    files: CentralDirectoryFile[];
  }

  const unzipper: {
    Open: {
      buffer(buffer: Buffer): Promise<CentralDirectory>;
      file(path: string): Promise<CentralDirectory>;
    };
  };
  export default unzipper;
}
