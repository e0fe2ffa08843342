import { describe, expect, it } from 'vitest';
import { createDumpScanner } from './dump-scan';

const dump = [
  '-- MariaDB dump 10.19',
  'CREATE TABLE `expedition` (',
  '  `id` int',
  ');',
  "INSERT INTO `expedition` VALUES (1,'a (b), c\\'d',0x00FF),(2,NULL,'x\\\\'),(3,'é (','');",
  'INSERT INTO `expedition` VALUES (4,\'))\',NULL);',
  'INSERT INTO `expedition` VALUES',
  "(5,'a;b',NULL),",
  "(6,'(',NULL);",
  'CREATE TABLE `vide` (`id` int);',
  '-- Dump completed on 2026-12-06 16:00:00',
  '',
].join('\n');

describe('dump scanner', () => {
  it('counts rows per table whatever the chunking, and sees the trailer', () => {
    for (const size of [1, 3, 7, 64, 10_000]) {
      const scanner = createDumpScanner();
      const bytes = Buffer.from(dump, 'utf8');
      for (let i = 0; i < bytes.length; i += size) {
        scanner.push(bytes.subarray(i, i + size));
      }
      expect(scanner.result()).toEqual({ tables: [{ name: 'expedition', rows: 6 }, { name: 'vide', rows: 0 }], completed: true, bytes: bytes.length });
    }
  });

  it('a dump cut short has no trailer', () => {
    const scanner = createDumpScanner();
    scanner.push(Buffer.from(dump.slice(0, dump.indexOf('-- Dump completed'))));
    expect(scanner.result().completed).toBe(false);
  });
});
