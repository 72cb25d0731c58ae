// The officejs jest projects: every test host drives Microsoft's own Office.js client (test/host/officejs.ts).
process.env.JOBSTATUS_CLIENT = "officejs";
