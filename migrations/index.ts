import { Foundation1763888400000 } from './1763888400000-Foundation';
import { CallsEditing1763900000000 } from './1763900000000-CallsEditing';
import { OrganisationInvitations1763900100000 } from './1763900100000-OrganisationInvitations';
import { Applications1763900200000 } from './1763900200000-Applications';
import { Documents1763900300000 } from './1763900300000-Documents';
import { Instruction1763900400000 } from './1763900400000-Instruction';
import { InstructionWorkspace1763900410000 } from './1763900410000-InstructionWorkspace';
import { InstructionReportVersion1763900430000 } from './1763900430000-InstructionReportVersion';
import { EvaluationPanels1763900500000 } from './1763900500000-EvaluationPanels';
import { CommitteeRecusals1763900550000 } from './1763900550000-CommitteeRecusals';
import { DocumentRequests1763900600000 } from './1763900600000-DocumentRequests';
import { ReportExports1763900650000 } from './1763900650000-ReportExports';
import { ExecutionStatuses1765000000000 } from './1765000000000-ExecutionStatuses';
import { AuditWriter1765010000000 } from './1765010000000-AuditWriter';
import { OrganisationIdentityChange1765010000001 } from './1765010000001-OrganisationIdentityChange';
import { ReportExportPendingKey1765010000002 } from './1765010000002-ReportExportPendingKey';
import { PostponementAnswer1765010000003 } from './1765010000003-PostponementAnswer';
import { OutboxOutcome1765020000000 } from './1765020000000-OutboxOutcome';
import { FileScanStatus1765020000001 } from './1765020000001-FileScanStatus';
import { CostOptionsAndRateCaps1765030000000 } from './1765030000000-CostOptionsAndRateCaps';
import { Catalogue1765040000000 } from './1765040000000-Catalogue';
import { Mail1765060000000 } from './1765060000000-Mail';
import { AccountRecovery1765060000001 } from './1765060000001-AccountRecovery';
import { SecondFactor1765060000002 } from './1765060000002-SecondFactor';
import { ProConnect1765060000003 } from './1765060000003-ProConnect';
import { NotificationPreferences1765060000004 } from './1765060000004-NotificationPreferences';
import { Execution1765100000000 } from './1765100000000-Execution';
import { Verification1765200000000 } from './1765200000000-Verification';
import { Payments1765300000000 } from './1765300000000-Payments';
import { DossierRegionCategory1765410000000 } from './1765410000000-DossierRegionCategory';
import { StateAidRegime1765410000001 } from './1765410000001-StateAidRegime';
import { AdmissibilityOverrides1765420000000 } from './1765420000000-AdmissibilityOverrides';
import { StructuredInstructionReport1765420000001 } from './1765420000001-StructuredInstructionReport';
import { AwardProposal1765420000002 } from './1765420000002-AwardProposal';
import { IssuingBodyDocuments1765430000000 } from './1765430000000-IssuingBodyDocuments';
import { DossierMessages1765450000000 } from './1765450000000-DossierMessages';
import { StatementChecks1765500000000 } from './1765500000000-StatementChecks';

/** Every migration, in order. Listed explicitly so that ts-node, jest and the compiled build load the same set. One per line: branches add theirs without conflicts. */
export const migrations = [
  Foundation1763888400000,
  CallsEditing1763900000000,
  OrganisationInvitations1763900100000,
  Applications1763900200000,
  Documents1763900300000,
  Instruction1763900400000,
  InstructionWorkspace1763900410000,
  InstructionReportVersion1763900430000,
  EvaluationPanels1763900500000,
  CommitteeRecusals1763900550000,
  DocumentRequests1763900600000,
  ReportExports1763900650000,
  ExecutionStatuses1765000000000,
  AuditWriter1765010000000,
  OrganisationIdentityChange1765010000001,
  ReportExportPendingKey1765010000002,
  PostponementAnswer1765010000003,
  OutboxOutcome1765020000000,
  FileScanStatus1765020000001,
  CostOptionsAndRateCaps1765030000000,
  Catalogue1765040000000,
  Mail1765060000000,
  AccountRecovery1765060000001,
  SecondFactor1765060000002,
  ProConnect1765060000003,
  NotificationPreferences1765060000004,
  Execution1765100000000,
  Verification1765200000000,
  Payments1765300000000,
  DossierRegionCategory1765410000000,
  StateAidRegime1765410000001,
  AdmissibilityOverrides1765420000000,
  StructuredInstructionReport1765420000001,
  AwardProposal1765420000002,
  IssuingBodyDocuments1765430000000,
  DossierMessages1765450000000,
  StatementChecks1765500000000,
];
