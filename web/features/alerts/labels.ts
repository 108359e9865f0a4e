// Words and symbols for codes: the symbol repeats the word, never replaces it, and colour
// only repeats the symbol (accessibility: no information by colour alone).
import type { AlertAction, AlertStatus } from '#shared/alerts/status.ts';

export const STATUS_LABEL: Readonly<Record<AlertStatus, string>> = {
  NEW: 'New',
  ACKNOWLEDGED: 'Acknowledged',
  RESOLVED: 'Resolved',
};

export const STATUS_SYMBOL: Readonly<Record<AlertStatus, string>> = {
  NEW: '●',
  ACKNOWLEDGED: '◐',
  RESOLVED: '✓',
};

export const ACTION_LABEL: Readonly<Record<AlertAction, string>> = {
  ACKNOWLEDGED: 'Acknowledge',
  RESOLVED: 'Resolve',
  NOTE: 'Add note',
};

export const EVENT_LABEL: Readonly<Record<string, string>> = {
  ACKNOWLEDGED: 'Acknowledged',
  RESOLVED: 'Resolved',
  NOTE: 'Note',
};

export const SEVERITY_SYMBOL: Readonly<Record<string, string>> = {
  CRITICAL: '‼',
  HIGH: '!',
  MEDIUM: '•',
  LOW: '·',
};

export const ALERT_TYPES = [
  'LOW_STOCK',
  'OVERSTOCK',
  'PRICING',
  'SALES',
  'FORECAST_ACCURACY',
  'INTEGRATION',
  'BACKUP',
  'SYSTEM',
] as const;
