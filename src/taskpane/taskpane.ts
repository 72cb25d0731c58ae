// Placeholder: the real task pane replaces this file. It registers the ribbon's function
// commands (manifest.xml: FunctionName beregnStatus / validerArk) in the shared runtime.
Office.onReady(() => {
  const done = (event: Office.AddinCommands.Event) => event.completed();
  Office.actions.associate("beregnStatus", done);
  Office.actions.associate("validerArk", done);
  const app = document.getElementById("app");
  if (app) app.textContent = "Jobstatus er klar.";
});
