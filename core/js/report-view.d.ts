// Types of report-view.mjs: how a check report reads to a person (badge, words, why, timeline).
import type { Report, VersionInfo, VersionMatch } from './storyprint';

export type State = 'known' | 'syndicated' | 'rewrite' | 'independent' | 'none' | 'seen' | 'error' | 'not-article';

/** What the reader's own reading (a second set of packs, checked apart) adds to a report. */
export interface Reading {
  /** the day (YYYY-MM-DD) the reader read each remembered article, by its URL */
  read?: Record<string, string>;
  /** set when the page is itself an article the reader read: that version, and the other reports of its story they read */
  seen?: { version: VersionInfo; others: VersionInfo[] } | null;
  /** whether the report shown is the reading's (else the packs') */
  fromReading?: boolean;
}

export interface StateWords {
  /** badge text, at most 4 characters ('' = no badge) */
  badge: string;
  /** badge and chip colour, #rrggbb */
  color: string;
  label: string;
  sentence: string;
}

export const STATES: Readonly<Record<State, StateWords>>;

export function hasStory(report: Report): boolean;
/** 'seen' only with a reading whose `seen` is set and no pack that knows the story */
export function stateOf(report: Report, reading?: Reading | null): State;
/** The report to show, of the packs' and the reading's, and what the reading adds (`read` is left to the caller). */
export function withReading(packsReport: Report, readingReport: Report | null): { report: Report; seen: Reading['seen']; fromReading: boolean };
/** the day the reader read this version, or null */
export function readOn(v: Partial<VersionInfo> | null | undefined, reading?: Reading | null): string | null;
/** "New York Post’s report", or "the New York Post report you read on 23 Nov 2026" */
export function reportName(v: Partial<VersionInfo>, reading?: Reading | null): string;
/** "You read it on 23 Nov 2026.", or null */
export function readLine(v: Partial<VersionInfo> | null | undefined, reading?: Reading | null): string | null;
/** the attributed source: derived verdicts only */
export function sourceOf(report: Report): VersionInfo | null;
export function counterpartOf(report: Report): { role: 'known' | 'source' | 'closest'; id: string } | null;

export function pct(x: number): string;
/** "2024-11-23" -> "23 Nov 2024" */
export function formatDate(iso: string | null | undefined): string;
export function safeHref(url: string | null | undefined): string | null;
export function outletName(v: Partial<VersionInfo> | Partial<VersionMatch> | null | undefined): string;
/** the first of the named scores present in the report */
export function feature(report: Report, ...names: string[]): number | undefined;
export function decidedBy(report: Report): 'known' | 'republished' | 'credit' | null;
export function showProbabilities(report: Report): boolean;
export function confidenceOf(report: Report): { level: 'certain' | 'high' | 'medium' | 'low'; text: string; explain: string };
export function sharedShares(report: Report, length?: number): { verbatim: number; reworded: number; total: number };

export interface QuoteView {
  text: string;
  start: number;
  end: number;
  version: string | null;
  outlet: string | null;
}
/** Adjacent passages (a space or comma apart) merged into one listed stretch, kind by majority. */
export function listedPassages<P extends { start: number; end: number; kind: 'verbatim' | 'reworded'; text?: string }>(
  passages: readonly P[] | undefined, text?: string): { start: number; end: number; kind: 'verbatim' | 'reworded'; text: string }[];
export function quotesOf(report: Report, text?: string): QuoteView[];
export function quotesSummary(quotes: QuoteView[]): string;
export function quoteTag(q: QuoteView): string;

export function whySentences(report: Report, context?: { packs?: number; text?: string; reading?: Reading | null }): string[];

export interface TimelineItem {
  version: Partial<VersionInfo> & { id: string | null };
  /** the checked page itself, placed by its date */
  page: boolean;
  /** 'this page', 'source' or 'copied from', and 'you read it 23 Nov 2026' */
  tags: string[];
}
export function timelineOf(report: Report, page?: { outlet?: string; title?: string; url?: string; published?: string }, reading?: Reading | null): TimelineItem[];
/** "Versions of this story in your packs" (or "in your reading") */
export function timelineHeading(reading?: Reading | null): string;
export function summaryLine(report: Report, reading?: Reading | null): string;

export function el(tag: string, attrs?: Record<string, unknown> | null, ...children: Array<Node | string | null | undefined | false | Array<Node | string>>): HTMLElement;
export function titleNode(v: Partial<VersionInfo>): HTMLElement;
