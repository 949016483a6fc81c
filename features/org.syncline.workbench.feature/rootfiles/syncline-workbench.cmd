@echo off
rem Starts the Syncline workbench on Windows with a Java 21+ runtime (JAVA_HOME or PATH).
rem No native Eclipse launcher is published on Maven Central.
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%f"
if not defined LAUNCHER (
  echo syncline-workbench: the Equinox launcher is missing from %HERE%plugins; the installation is incomplete. 1>&2
  exit /b 1
)
"%JAVA%" -Xms64m -Xmx1g --enable-native-access=ALL-UNNAMED -jar "%LAUNCHER%" -install "%HERE%." -configuration "%HERE%configuration" -clearPersistedState -data "@user.home/.syncline/workbench" %*
