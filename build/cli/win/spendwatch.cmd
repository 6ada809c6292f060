@echo off
rem The `spendwatch` command of an installed Spendwatch (Windows): runs the CLI bundled in the app's
rem archive with the app's own runtime (Spendwatch.exe in Node mode), as editors ship their launchers.
rem It lives in <install dir>\resources\bin; add that folder to PATH to type `spendwatch` anywhere.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Spendwatch.exe" "%~dp0..\app.asar\out\cli\spendwatch.cjs" %*
endlocal & exit /b %ERRORLEVEL%
