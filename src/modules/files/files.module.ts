import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Antivirus } from './antivirus/antivirus.service';
import { FileStorage } from './file-storage.service';
import { createObjectStorage } from './storage/create-object-storage';
import { OBJECT_STORAGE } from './storage/object-storage';

/**
 * Storage of files (the object storage port and its driver), uploads and their checks (size while streaming, magic
 * bytes, SHA-256, antivirus). Global: the api and the worker both read and write objects.
 */
@Global()
@Module({
  providers: [Antivirus, FileStorage, { provide: OBJECT_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createObjectStorage(config) }],
  exports: [Antivirus, FileStorage, OBJECT_STORAGE],
})
export class FilesModule {}
