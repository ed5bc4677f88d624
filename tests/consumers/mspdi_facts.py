"""Reads an MSPDI file with MPXJ (the Java project-file library, through JPype) and prints the
facts peta's tests compare with its schedule, as JSON: every task with its outline level,
summary and milestone flags, start and finish, Text1 (the peta id) and predecessor links with
type and lag in days. Then it re-schedules the project with MPXJ's own critical-path
scheduler (the one that mimics MS Project) and reports each task's dates again, so the test
can check that the calendar, constraints, link types and lags mean in MS Project what they
mean in peta. Progress is cleared first: peta does not move dates by progress, and MPXJ's
scheduler needs actual and remaining durations for tasks in progress.
Usage: python3 mspdi_facts.py FILE.xml"""

import json
import sys

import jpype
import mpxj  # noqa: F401  (puts the MPXJ jars on the class path)

jpype.startJVM()
from org.mpxj.reader import UniversalProjectReader  # noqa: E402
from org.mpxj import Duration, TimeUnit  # noqa: E402
from org.mpxj.cpm import MicrosoftScheduler  # noqa: E402

project = UniversalProjectReader().read(sys.argv[1])
if project is None:
    sys.exit("MPXJ could not read " + sys.argv[1])

file_type = str(project.getProjectProperties().getFileType())
tasks = []
for task in project.getTasks():
    if task.getUniqueID() is None or int(task.getUniqueID()) == 0:
        continue  # the project summary task MPXJ may add
    links = []
    for relation in task.getPredecessors():
        lag = relation.getLag()
        lag_days = 0.0
        if lag is not None:
            lag_days = float(lag.convertUnits(TimeUnit.DAYS, project.getProjectProperties()).getDuration())
        links.append({
            "predecessor": int(relation.getPredecessorTask().getUniqueID()),
            "type": str(relation.getType()),
            "lag_days": lag_days,
        })
    start = task.getStart()
    finish = task.getFinish()
    tasks.append({
        "uid": int(task.getUniqueID()),
        "name": str(task.getName()),
        "outline_level": int(task.getOutlineLevel()),
        "summary": bool(task.getSummary()),
        "milestone": bool(task.getMilestone()),
        "start": str(start) if start is not None else None,
        "finish": str(finish) if finish is not None else None,
        "text1": str(task.getText(1)) if task.getText(1) is not None else None,
        "percent_complete": float(task.getPercentageComplete()) if task.getPercentageComplete() is not None else None,
        "links": links,
    })
for task in project.getTasks():
    task.setPercentageComplete(None)
    task.setActualDuration(Duration.getInstance(0, TimeUnit.DAYS))
    task.setRemainingDuration(task.getDuration())
MicrosoftScheduler().schedule(project, project.getProjectProperties().getStartDate())
rescheduled = {
    str(int(task.getUniqueID())): [str(task.getStart()), str(task.getFinish())]
    for task in project.getTasks()
    if task.getUniqueID() is not None and int(task.getUniqueID()) != 0
}
print(json.dumps({"file_type": file_type, "tasks": tasks, "rescheduled": rescheduled}))
