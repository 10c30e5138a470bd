import { Module } from '@nestjs/common';
import { FileStorage } from './file-storage.service';

/** Storage of uploaded files and their checks (size while streaming, magic bytes, SHA-256). */
@Module({ providers: [FileStorage], exports: [FileStorage] })
export class FilesModule {}
