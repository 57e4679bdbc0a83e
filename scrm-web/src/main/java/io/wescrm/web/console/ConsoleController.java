package io.wescrm.web.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator console (docs/console.md): a single page under {@code /console/} (static files, its libraries from
 * WebJars) over the JSON API; the server's root opens it. The page holds no data: everything it shows comes from
 * {@code /api} with the login's session.
 */
@Controller
class ConsoleController {

  @GetMapping("/")
  String root() {
    return "redirect:/console/";
  }

  @GetMapping({"/console", "/console/"})
  String console() {
    return "forward:/console/index.html";
  }
}
