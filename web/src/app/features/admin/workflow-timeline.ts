/** A history event as people read it: what happened, in words, with the activity or timer it concerns. */
export interface TimelineEntry {
  readonly eventId: string;
  readonly time: string;
  readonly eventType: string;
  readonly title: string;
  readonly subject: string | null;
  readonly tone: 'start' | 'progress' | 'success' | 'failure' | 'human';
  readonly details: string;
}

const titles: Readonly<Record<string, string>> = {
  WorkflowExecutionStarted: 'Started',
  WorkflowExecutionCompleted: 'Completed',
  WorkflowExecutionFailed: 'Failed',
  WorkflowExecutionTimedOut: 'Timed out',
  WorkflowExecutionCanceled: 'Cancelled',
  WorkflowExecutionCancelRequested: 'Cancellation requested',
  WorkflowExecutionTerminated: 'Terminated',
  WorkflowExecutionContinuedAsNew: 'Continued as a new run',
  WorkflowExecutionSignaled: 'Signal received',
  WorkflowExecutionUpdateAccepted: 'Decision received',
  WorkflowExecutionUpdateCompleted: 'Decision recorded',
  ActivityTaskScheduled: 'Step scheduled',
  ActivityTaskStarted: 'Step started',
  ActivityTaskCompleted: 'Step completed',
  ActivityTaskFailed: 'Step failed',
  ActivityTaskTimedOut: 'Step timed out',
  TimerStarted: 'Waiting (timer)',
  TimerFired: 'Timer fired',
  TimerCanceled: 'Timer cancelled',
  StartChildWorkflowExecutionInitiated: 'Child workflow requested',
  ChildWorkflowExecutionStarted: 'Child workflow started',
  ChildWorkflowExecutionCompleted: 'Child workflow completed',
  ChildWorkflowExecutionFailed: 'Child workflow failed',
  MarkerRecorded: 'Marker recorded',
};

const failures = /(Failed|TimedOut|Terminated|Canceled)$/;
const successes = /(Completed|Fired)$/;

/** The activity type, timer id, update name or child workflow type a history event names, if any. */
function subjectOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const record = details as Record<string, unknown>;
  for (const key of ['activityType', 'workflowType', 'acceptedRequest', 'request', 'input']) {
    const value = record[key];
    if (typeof value === 'object' && value !== null) {
      const inner = value as Record<string, unknown>;
      if (typeof inner['name'] === 'string') return inner['name'];
      const nested = subjectOf(value);
      if (nested !== null) return nested;
    }
  }
  if (typeof record['timerId'] === 'string') return `timer ${record['timerId']}`;
  if (typeof record['signalName'] === 'string') return record['signalName'];
  if (typeof record['updateName'] === 'string') return record['updateName'];
  return null;
}

/** Workflow-task bookkeeping says nothing to a person reading what a process did: it is left out unless asked for. */
export function isBookkeeping(eventType: string): boolean {
  return eventType.startsWith('WorkflowTask');
}

export function timelineEntry(event: {
  readonly eventId: string;
  readonly eventType: string;
  readonly time: string;
  readonly details: string;
}): TimelineEntry {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(event.details);
  } catch {
    parsed = null;
  }
  const pretty = parsed === null ? event.details : JSON.stringify(parsed, null, 2);
  const tone: TimelineEntry['tone'] =
    event.eventType === 'WorkflowExecutionStarted'
      ? 'start'
      : event.eventType.includes('Update') || event.eventType.includes('Signal')
        ? 'human'
        : failures.test(event.eventType)
          ? 'failure'
          : successes.test(event.eventType)
            ? 'success'
            : 'progress';
  return {
    eventId: event.eventId,
    time: event.time,
    eventType: event.eventType,
    title: titles[event.eventType] ?? event.eventType.replace(/([a-z])([A-Z])/g, '$1 $2'),
    subject: subjectOf(parsed),
    tone,
    details: pretty,
  };
}
